#!/usr/bin/env python3
"""Writes a deterministic CRM opportunity export: ROWS rows in the SuiteCRM
label style, with quoted fields, embedded commas and line breaks, so the
benchmark parses what real files contain. Usage: generate.py ROWS OUT.csv ACCOUNTS.csv"""
import sys

rows, out, accounts_out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
stages = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
          "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Lost"]
accounts = [f"Account {n:04d}" for n in range(1000)]
with open(accounts_out, "w", newline="") as f:
    f.write("Account Name\r\n")
    for name in accounts:
        f.write(f"{name}\r\n")
with open(out, "w", newline="") as f:
    f.write("Opportunity Name,Account Name,Amount,Currency,Expected Close Date,Sales Stage,Next Step,Lead Source,Description\r\n")
    for i in range(rows):
        amount = f"{(i * 7919) % 500000 + 1000}.{i % 100:02d}"
        month, day = 1 + i % 12, 1 + i % 28
        description = f'"Row {i}: the buyer said ""we can\'t wait"", again,\nand again"' if i % 10 == 0 else f"Row {i}"
        f.write(f"Deal {i:06d},{accounts[i % 1000]},{amount},EUR,2030-{month:02d}-{day:02d},"
                f"{stages[i % len(stages)]},Call back,Web,{description}\r\n")
