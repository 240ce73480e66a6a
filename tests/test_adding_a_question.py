"""docs/adding-a-question.md, proved: one more `Question(...)` in `flows/questions.py` is asked,
reviewed, exported and imported back with no other change to the code, and the conversation's
tests (whole chats among them) still pass without a change.

The state machine's steps, the review, the export columns and the import rules are all built from
`flows.questions` when their modules are imported. So the test runs a child Python that loads
`flows/questions.py` with one more entry at the end of `QUESTIONS`, the checklist's first step,
before anything imports it, and then drives the conversation, the export and the import there,
or runs tests/test_conversation.py with pytest. For the same reason this module imports nothing
of the bot's at the top: the child imports it first.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

#: The key of the added question: one no real question will take.
NEW_KEY = "added_by_the_test"
NEW_TITLE = "Favourite gift"
#: The entry a maintainer would add at the end of `QUESTIONS` (its text stays untranslated).
NEW_QUESTION = f'''
    Question(
        key="{NEW_KEY}",
        title=N_("{NEW_TITLE}"),
        prompt=N_("What would they be glad to get as a small gift with an order?"),
        example=N_("A sample of a new cream, or a handwritten thank-you note."),
    ),
'''
#: The owner of the test's profile.
OWNER = 1


def load_questions_with_one_more() -> None:
    """Import `flows.questions` from its source with `NEW_QUESTION` appended to `QUESTIONS`.

    The entry goes in before the tuple's closing parenthesis, found with `ast` (offsets in
    UTF-8 bytes), so everything the module derives from the table is derived from the longer
    one, just as after an edit of the file.
    """
    spec = importlib.util.find_spec("flows.questions")
    assert spec is not None and spec.origin is not None, "flows.questions not found"
    source = Path(spec.origin).read_bytes()
    table = next(
        node for node in ast.parse(source).body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        and node.target.id == "QUESTIONS"
    )
    assert isinstance(table.value, ast.Tuple) and table.value.end_lineno is not None
    assert table.value.end_col_offset is not None
    lines = source.splitlines(keepends=True)
    end = sum(map(len, lines[:table.value.end_lineno - 1])) + table.value.end_col_offset - 1
    assert source[end:end + 1] == b")", "QUESTIONS is not a parenthesised tuple"
    before = source[:end].rstrip()
    comma = b"" if before.endswith(b",") else b","
    edited = before + comma + NEW_QUESTION.encode() + source[end:]
    module = importlib.util.module_from_spec(spec)
    sys.modules["flows.questions"] = module
    exec(compile(edited, spec.origin, "exec"), module.__dict__)  # the module, as if edited


def run_with_one_more_question() -> None:
    """In the child: answer every question, review, approve, export, import; print the facts."""
    load_questions_with_one_more()
    from flows.conversation import Conversation
    from flows.i18n import Catalogs
    from flows.machine import second_part_of
    from flows.questions import QUESTION_KEYS
    from flows.records import record_reader
    from flows.replies import Verb, action
    from storage.export import export_json
    from storage.importing import import_profiles
    from storage.memory import MemoryRepository

    catalogs = Catalogs.load()
    read = record_reader(catalogs.languages)
    repository = MemoryRepository()

    def conversation() -> Conversation:
        return Conversation(repository, catalogs, OWNER, client_language="en")

    asked, progress_lines = [], []
    outcome = conversation().start()
    for key in QUESTION_KEYS:
        profile = repository.get(OWNER)
        assert profile is not None
        asked.append(profile.state)
        progress_lines.append(outcome.replies[-1].text.split("\n", 1)[0])
        outcome = conversation().text(f"answer to {key}")
        if second_part_of(key) is not None:  # asked right after its question: /skip it
            profile = repository.get(OWNER)
            assert profile is not None
            asked.append(profile.state)
            outcome = conversation().skip()
    review = outcome.replies[-1]
    edit_buttons = [button.action for row in review.buttons for button in row
                    if button.action.startswith(Verb.EDIT.value)]
    persona = conversation().press(action(Verb.APPROVE, repository.get(OWNER)))

    exported = io.StringIO()
    export_json(repository.iter_all(), QUESTION_KEYS, exported)
    records: list[dict[str, Any]] = json.loads(exported.getvalue())

    def imported(target: MemoryRepository, batch: list[dict[str, Any]]) -> dict[str, Any]:
        report = import_profiles(target, batch, read)
        profile = target.get(OWNER)
        return {"added": report.added, "replaced": report.replaced, "kept": report.kept,
                "rejected": report.rejected,
                "profile": profile.to_record() if profile is not None else None}

    # The same export as the version before the question would have written it.
    older = [{**record, "answers": {key: answer for key, answer in record["answers"].items()
                                    if key != NEW_KEY}} for record in records]
    stored = repository.get(OWNER)
    assert stored is not None
    print(json.dumps({
        "keys": list(QUESTION_KEYS),
        "asked": asked,
        "progress": progress_lines,
        "review": review.text,
        "edit_buttons": len(edit_buttons),
        "state_after_review": stored.state,
        "persona": persona.replies[0].text if persona.replies else "",
        "stored": stored.to_record(),
        "exported": records,
        "into_empty": imported(MemoryRepository(), records),
        "over_itself": imported(repository, records),
        "older_export": imported(MemoryRepository(), older),
    }, ensure_ascii=False))


#: The tests run under the longer table: the conversation's, over the in-memory repository
#: (the other backends store the same answers; tests/test_storage.py covers them).
CONVERSATION_TESTS = ["tests/test_conversation.py", "-k", "not files and not postgres"]
#: Whole chats among them, from /start to the review, the advice and the end.
WHOLE_CHATS = [
    "test_the_last_answer_completes_the_profile_and_shows_the_review[memory]",
    "test_the_advice_follows_the_chosen_segment_page_by_page[memory-beginner]",
    "test_a_tapped_stage_asks_what_customers_need_and_keeps_both_in_one_exported_answer[memory-fa]",
    "test_a_message_delivered_again_changes_nothing_and_shows_where_the_owner_is[memory]",
]


def run_tests_with_one_more_question(arguments: list[str]) -> int:
    """In the child: pytest over `arguments`, with `NEW_QUESTION` in the table it imports."""
    load_questions_with_one_more()
    from flows.questions import QUESTION_KEYS

    assert QUESTION_KEYS[-1] == NEW_KEY
    import pytest

    return int(pytest.main(["-p", "no:cacheprovider", "-p", "no:randomly", "-v", *arguments]))


def _child(script: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-c", script, *arguments], cwd=root,
                          capture_output=True, text=True, timeout=100, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def _facts() -> dict[str, Any]:
    script = "import tests.test_adding_a_question as t; t.run_with_one_more_question()"
    child = _child(script)
    assert child.returncode == 0, child.stderr
    facts: dict[str, Any] = json.loads(child.stdout)
    return facts


def test_one_more_question_is_asked_reviewed_exported_and_imported() -> None:
    from flows.i18n import Catalogs
    from flows.machine import second_part_of
    from flows.questions import QUESTION_KEYS

    facts = _facts()
    keys = [*QUESTION_KEYS, NEW_KEY]
    total = len(keys)
    assert facts["keys"] == keys
    # The flow: every question asked in order (each second part right after its question), the
    # new one last, counted in the progress line.
    assert facts["asked"] == [step for key in keys for step in (key, second_part_of(key)) if step]
    assert facts["asked"][-1] == NEW_KEY
    en = Catalogs.load().get("en")
    assert facts["progress"][-1] == en.gettext("Question {number} of {total} · {title}").format(
        number=total, total=total, title=NEW_TITLE)
    assert all(f" of {total} · " in line for line in facts["progress"])
    # The review lists every answer, the new one too, each with its Edit button.
    assert facts["state_after_review"] == "segment"  # approved: on to the segment question
    for number, key in enumerate(keys, start=1):
        assert f"{number}. " in facts["review"] and f"answer to {key}" in facts["review"]
    assert f"{total}. {NEW_TITLE}: \u2068answer to {NEW_KEY}\u2069" in facts["review"]
    assert facts["edit_buttons"] == total
    # "Looks good" shows the persona (one screen: the answers are the review's).
    assert facts["persona"].startswith("👤 Your ideal online customer\n")
    # The JSON export: one answer per question, in order.
    (record,) = facts["exported"]
    assert list(record["answers"]) == keys
    assert record["answers"] == {key: f"answer to {key}" for key in keys}
    # Its import: into an empty database unchanged, and over the same database, kept.
    into_empty = facts["into_empty"]
    assert (into_empty["added"], into_empty["rejected"]) == (1, [])
    assert _as_exported(into_empty["profile"]) == _as_exported(facts["stored"])
    # The version's date is not exported: an import dates it by the last change.
    ((imported,), (stored,)) = into_empty["profile"]["profiles"], facts["stored"]["profiles"]
    assert imported["version_at"] == stored["updated_at"]
    over_itself = facts["over_itself"]
    assert (over_itself["kept"], over_itself["replaced"], over_itself["rejected"]) == (1, 0, [])
    assert _as_exported(over_itself["profile"]) == _as_exported(facts["stored"])
    # An export from before the question was added restores too: completed, the answer missing.
    older = facts["older_export"]
    assert (older["added"], older["rejected"]) == (1, [])
    (older_profile,) = older["profile"]["profiles"]
    assert NEW_KEY not in older_profile["answers"]
    assert older_profile["completed_at"] == facts["stored"]["profiles"][0]["completed_at"]


def _as_exported(record: dict[str, Any]) -> dict[str, Any]:
    """A stored owner's fields but two of each profile's that an export does not carry: the
    instance tag (an imported profile gets a tag of its own) and the version's date (approving
    dates it a moment before the save dates `updated_at`, so a second may tick between them)."""
    profiles = [{name: value for name, value in profile.items()
                 if name not in ("instance", "version_at")} for profile in record["profiles"]]
    return record | {"profiles": profiles}


def test_the_conversations_tests_pass_with_one_more_question() -> None:
    """docs/adding-a-question.md says which tests need a line for a new question; the
    conversation's are not among them, whole chats included."""
    script = ("import sys, tests.test_adding_a_question as t; "
              "sys.exit(t.run_tests_with_one_more_question(sys.argv[1:]))")
    child = _child(script, *CONVERSATION_TESTS)
    report = child.stdout + child.stderr
    assert child.returncode == 0, report[-6000:]
    for name in WHOLE_CHATS:  # they ran, under the longer table
        assert f"tests/test_conversation.py::{name} PASSED" in child.stdout, name


def test_the_running_tests_see_the_real_table() -> None:
    """The longer table lives only in the child: this process still has the real one."""
    from flows.questions import QUESTION_KEYS

    assert NEW_KEY not in QUESTION_KEYS
