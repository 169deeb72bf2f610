#!/usr/bin/env python3
"""Convert a JSON canon ({"version":1,"rules":[{"id","kind","canonical","variants"}]})
into a copydesk rule file: one [[entity]] per rule.

    python3 scripts/json_rules_to_toml.py rules.json > rules/canon.toml
"""
import json
import sys


def toml_string(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: json_rules_to_toml.py RULES.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    out = sys.stdout
    out.write("# Generated from %s by scripts/json_rules_to_toml.py\n" % sys.argv[1])
    for rule in data["rules"]:
        out.write("\n[[entity]]\n")
        out.write("id = %s\n" % toml_string("canon-%s" % rule["id"]))
        out.write("canonical = %s\n" % toml_string(rule["canonical"]))
        variants = rule.get("variants") or []
        if variants:
            out.write("variants = [%s]\n" % ", ".join(toml_string(v) for v in variants))


if __name__ == "__main__":
    main()
