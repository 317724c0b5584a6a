#!/usr/bin/env python3
"""Writes the sqlite3 shell's side of `export all` and `import all`.

    exchange_sql.py export > export.sql   # json_object: the same bytes qualify writes (run.sh checks with cmp)
    exchange_sql.py import > import.sql   # json_extract from a table `line` into the same schema

The tables are read from ExportedTable.all in Sources/QualifyStore/CRM/FullExport.swift.
SQLite 3.40 has no unhex(), so the import's baseline keeps uuids as their text
(36 bytes instead of 16: a little more work for sqlite3, not less).
"""
import os
import re
import sys

def exported_tables():
    """ExportedTable.all, read from the Swift source so the two never drift apart."""
    source = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "../../Sources/QualifyStore/CRM/FullExport.swift")).read()
    body = source[source.index("static let all: [ExportedTable] = ["):]
    tables = []
    for match in re.finditer(r'ExportedTable\(kind: "(\w+)", table: "(\w+)",\s*columns: \[(.*?)\],\s*references: \[(.*?)\],\s*mergesByName', body, re.S):
        columns = re.findall(r'"(\w+)"', match.group(3))
        references = re.findall(r'\("(\w+)", "(\w+)", "(\w+)"\)', match.group(4))
        tables.append((match.group(2), columns, references))
    return tables


TABLES = exported_tables()


def uuid_text(column):
    h = f"hex({column})"
    return (f"substr({h},1,8)||'-'||substr({h},9,4)||'-'||substr({h},13,4)||'-'||"
            f"substr({h},17,4)||'-'||substr({h},21)")


def export_sql():
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
    return "\n".join(out) + "\n"


def import_sql():
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


print(export_sql() if sys.argv[1:] == ["export"] else import_sql(), end="")
