"""Contests: setup, registration, timed attempts, closing, results, review, broadcasts, exports."""
