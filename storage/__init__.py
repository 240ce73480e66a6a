"""Durable storage of owners' profiles (TinyDB) and their export."""
