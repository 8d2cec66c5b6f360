#!/usr/bin/env python3
"""Validates ICPC Contest API answers against CodeArena's test schemas (schemas/).

usage: validate_ccs.py SCHEMAS_DIR DUMP_DIR

Every file in DUMP_DIR is named "<schema>.<anything>.json" (an object, or an array whose items
are each validated: a collection) or "<anything>.ndjson" (an event feed: every line against
event-feed.json, and its data against the schema of its type). Numbers are read as Decimal so
that multipleOf 0.001 is checked exactly. Prints every failure; exits 1 if there was one.
"""
import decimal
import json
import os
import pathlib
import sys
import warnings

import jsonschema

warnings.simplefilter("ignore", DeprecationWarning)

FEED_TYPES = {
    "contest": "contest", "judgement-types": "judgement-type", "languages": "language",
    "problems": "problem", "organizations": "organization", "teams": "team", "state": "state",
    "submissions": "submission", "judgements": "judgement", "runs": "run",
    "clarifications": "clarification",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal)


class Validators:
    def __init__(self, directory):
        self.directory = pathlib.Path(directory).resolve()
        self.store = {}
        self.cache = {}
        for path in self.directory.glob("*.json"):
            self.store[path.resolve().as_uri()] = load(path)

    def get(self, name):
        if name not in self.cache:
            uri = (self.directory / (name + ".json")).as_uri()
            schema = self.store[uri]
            resolver = jsonschema.RefResolver(base_uri=uri, referrer=schema, store=self.store)
            cls = jsonschema.validators.validator_for(schema)
            self.cache[name] = cls(schema, resolver=resolver)
        return self.cache[name]

    def errors(self, name, value, where):
        return [f"{where}: {e.message} (at {list(e.absolute_path)})"
                for e in self.get(name).iter_errors(value)]


def main():
    schemas, dumps = sys.argv[1], sys.argv[2]
    validators = Validators(schemas)
    failures, checked = [], 0
    for name in sorted(os.listdir(dumps)):
        path = os.path.join(dumps, name)
        if name.endswith(".ndjson"):
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if not line.strip():
                        continue  # a keep-alive
                    where = f"{name}:{number}"
                    event = json.loads(line, parse_float=decimal.Decimal)
                    failures += validators.errors("event-feed", event, where)
                    kind = FEED_TYPES.get(event.get("type"))
                    if kind is None:
                        failures.append(f"{where}: no schema for type {event.get('type')!r}")
                    elif event.get("data") is not None:
                        failures += validators.errors(kind, event["data"], where)
                    checked += 1
            continue
        schema = name.split(".", 1)[0]
        value = load(path)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            failures += validators.errors(schema, item, f"{name}[{index}]")
            checked += 1
    for failure in failures:
        print(failure)
    print(f"{checked} objects checked, {len(failures)} failures")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
