#!/usr/bin/env python3
"""Writes the BM25 stemming references: per language, word and stem pairs taken from the Snowball project's
own test data (github.com/snowballstem/snowball-data: voc.txt and output.txt, the output of the C stemmers),
at the commit whose algorithms are the ones rust-stemmers 1.2.0 was generated from (the crate's
algorithms/*.sbl, 2016-2019). Python fastembed stems with that crate (py_rust_stemmers), so these pairs are
what its BM25 produces. Nothing here comes from our code.

Usage: python3 make_stem_references.py /path/to/snowball-data (a git clone with history)
Writes fastembed-core/src/test/resources/stems/<language>.tsv: every 25th word, and every word with a digit.
Arabic and Tamil have no usable data at those commits (their files are stored compressed or were added later),
so they are not written.
"""
import os
import subprocess
import sys

# The snowball-data commit per language. 44699bf (2015-09-04) is the data state of the algorithms the crate
# shipped in 2017; Greek entered the crate in 2019 (ff2e0c1, 2019-07-07); Turkish's full list is 00bbc34.
COMMITS = {
    "danish": "44699bf", "dutch": "44699bf", "english": "44699bf", "finnish": "44699bf", "french": "44699bf",
    "german": "44699bf", "greek": "ff2e0c1", "hungarian": "44699bf", "italian": "44699bf",
    "norwegian": "44699bf", "portuguese": "44699bf", "romanian": "44699bf", "russian": "44699bf",
    "spanish": "44699bf", "swedish": "44699bf", "turkish": "00bbc34",
}
EVERY = 25

data = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), "..", "resources", "stems")
os.makedirs(out, exist_ok=True)


def show(commit, path):
    return subprocess.run(["git", "-C", data, "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8").splitlines()


for language, commit in sorted(COMMITS.items()):
    words = show(commit, f"{language}/voc.txt")
    stems = show(commit, f"{language}/output.txt")
    assert len(words) == len(stems), language
    with open(os.path.join(out, language + ".tsv"), "w", encoding="utf-8") as f:
        f.write(f"# snowball-data {commit} {language}/voc.txt and output.txt: every {EVERY}th word and every "
                f"word with a digit\n")
        for i, (word, stem) in enumerate(zip(words, stems)):
            if i % EVERY == 0 or any(c.isdigit() for c in word):
                f.write(f"{word}\t{stem}\n")
