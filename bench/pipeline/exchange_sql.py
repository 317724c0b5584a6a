#!/usr/bin/env python3
"""Writes the sqlite3 shell's side of `export all` and `import all`.

    exchange_sql.py export DB QUALIFY.jsonl > export.sql   # json_object: the same bytes qualify writes (run.sh checks with cmp)
    exchange_sql.py import DB QUALIFY.jsonl > import.sql   # json_extract from a table `line` into the same schema

The tables, their order and their keys are read from qualify's own export of DB (the first line of
each kind) and from DB's schema: a key that is a column is copied; a key whose `keyId` column is a
foreign key travels as the referenced row's uuid; the stage travels by name. So the baseline follows
whatever ExportedTable.all says without parsing Swift.
SQLite 3.40 has no unhex(), so the import's baseline keeps uuids as their text
(36 bytes instead of 16: a little more work for sqlite3, not less).
"""
import json
import re
import sqlite3
import sys


def exported_tables(database, export):
    """(table, columns, references) in the order qualify's export writes them, stage excepted."""
    global END_KINDS
    first_lines = {}
    with open(export, encoding="utf-8") as lines:
        for line in lines:
            kind = re.match(r'.*?"kind":"(\w+)"', line)
            if kind and kind.group(1) not in first_lines:
                first_lines[kind.group(1)] = json.loads(line)
    # The end line counts every kind qualify exports, those without rows too.
    END_KINDS = [key for key in first_lines.get("end", {}) if key != "kind"]
    schema = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    tables = []
    for kind, row in first_lines.items():
        if kind in ("stage", "end"):
            continue
        names = {r[1] for r in schema.execute(f"PRAGMA table_info({kind})")}
        foreign = {r[3]: r[2] for r in schema.execute(f"PRAGMA foreign_key_list({kind})")}
        columns, references = [], []
        for key in row:
            if key in ("kind", "stage" if kind == "opportunity" else None):
                continue
            if key in names:
                columns.append(key)
            elif key + "Id" in foreign:
                references.append((key, key + "Id", foreign[key + "Id"]))
            else:
                sys.exit(f"exchange_sql.py: {kind}'s key {key!r} is neither a column nor a reference")
        tables.append((kind, columns, references))
    return tables


def uuid_text(column):
    h = f"hex({column})"
    return (f"substr({h},1,8)||'-'||substr({h},9,4)||'-'||substr({h},13,4)||'-'||"
            f"substr({h},17,4)||'-'||substr({h},21)")


def export_sql(TABLES):
    out = [".mode list", ".headers off",
           "SELECT json_object('closed', closed, 'kind', 'stage', 'name', name, 'position', position, "
           "'probability', probability) FROM stage ORDER BY position, id;"]
    for table, columns, references in TABLES:
        values = {"kind": f"'{table}'"}
        for column in columns:
            values[column] = uuid_text("t.uuid") if column == "uuid" else f"t.{column}"
        for key, column, target in references:
            values[key] = f"(SELECT {uuid_text('r.uuid')} FROM {target} r WHERE r.id = t.{column})"
        if table == "opportunity":
            values["stage"] = "(SELECT name FROM stage s WHERE s.id = t.stageId)"
        pairs = ", ".join(f"'{key}', {values[key]}" for key in sorted(values))
        out.append(f"SELECT json_object({pairs}) FROM {table} t ORDER BY t.id;")
    # The end line: each kind with its count (the benchmark's database has no demo rows to leave out).
    counts = {table: f"(SELECT count(*) FROM {table})" for table in END_KINDS}
    counts["kind"] = "'end'"
    out.append("SELECT json_object(" + ", ".join(f"'{key}', {counts[key]}" for key in sorted(counts)) + ");")
    return "\n".join(out) + "\n"


def import_sql(TABLES):
    out = ["PRAGMA foreign_keys = ON;", "BEGIN;"]
    for table, columns, references in TABLES:
        names = list(columns) + [column for _, column, _ in references]
        values = [f"json_extract(l.line, '$.{column}')" for column in columns]
        values += [f"(SELECT id FROM {target} r WHERE r.uuid = json_extract(l.line, '$.{key}'))"
                   for key, _, target in references]
        if table == "opportunity":
            names.append("stageId")
            values.append("(SELECT id FROM stage s WHERE s.name = json_extract(l.line, '$.stage'))")
        out.append(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} "
                   f"FROM line l WHERE json_extract(l.line, '$.kind') = '{table}' ORDER BY l.rowid;")
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


if len(sys.argv) != 4 or sys.argv[1] not in ("export", "import"):
    sys.exit("usage: exchange_sql.py export|import DB QUALIFY.jsonl")
tables = exported_tables(sys.argv[2], sys.argv[3])
print(export_sql(tables) if sys.argv[1] == "export" else import_sql(tables), end="")
