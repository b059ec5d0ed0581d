"""The lock that keeps a scheduled job to one process: held once, freed when its holder dies."""

import subprocess
import sys
import time

from knowledge.db import exclusive, make_engine

HOLD = """
import sys, time
from knowledge.db import exclusive, make_engine
with exclusive(make_engine(sys.argv[1]), "daily-question") as held:
    print("held" if held else "busy", flush=True)
    time.sleep(600)
"""


def test_one_holder_at_a_time_and_a_dead_holder_frees_the_lock(postgres_url):
    engine = make_engine(postgres_url)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, postgres_url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with exclusive(engine, "daily-question") as held:
            assert held is False
        with exclusive(engine, "collection-sweep") as other:
            assert other is True  # another job's lock is free
        holder.kill()  # no unlock: the server frees the lock with the dead connection
        holder.wait()
        deadline = time.monotonic() + 10
        while True:
            with exclusive(engine, "daily-question") as held:
                if held or time.monotonic() > deadline:
                    break
            time.sleep(0.1)
        assert held is True
        with exclusive(engine, "daily-question") as again:
            assert again is True  # released at the end of the block above
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
        engine.dispose()


def test_sqlite_serves_one_process_so_the_lock_is_always_free(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'one.db'}")
    with (
        exclusive(engine, "daily-question") as outer,
        exclusive(engine, "daily-question") as inner,
    ):
        assert (outer, inner) == (True, True)
    engine.dispose()
