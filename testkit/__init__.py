"""What tests and benchmarks share: the Telegram emulator rig, a throwaway PostgreSQL, bank and
contest builders, contest load, and a deterministic test embedder. Imports no test or benchmark."""
