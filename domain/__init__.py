"""The domain: an owner, their customer profiles and those profiles' versions, and the rules
every door and every backend shares (answer length, names, how many profiles).

It imports nothing from `flows/`, `storage/`, `bot/` or any database library: the conversation
(`flows/`) and the storage adapters (`storage/`) both build on it without importing each other.
"""
