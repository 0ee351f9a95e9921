"""Shared harness of Weft's CPython benchmark peers.

Each peer script maps side names to a function run(size) -> figure and calls main(). The harness
parses --side/--size/--warmup/--rounds, runs the warm-up rounds, prints one "result <figure>" line
per measured round (the same protocol as Weft's forked JVMs), and exits as soon as its parent
closes our stdin, so a peer never outlives `weft bench`.
"""
import argparse
import os
import sys
import threading


def _exit_when_parent_goes():
    # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader holds its lock, and
    # CPython aborts at exit when it finds that lock taken.
    try:
        while os.read(0, 65536):
            pass
    finally:
        os._exit(3)


def main(sides):
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", required=True, choices=sorted(sides))
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    run = sides[args.side]
    for _ in range(args.warmup):
        run(args.size)
    for _ in range(args.rounds):
        print("result %r" % float(run(args.size)), flush=True)
