"""Tests of tools/contract/documented_errors.py: how it reads the errors of each call from the
comments of libk/abi/system_calls.h, and that the real header and docs/user-space.md agree."""
import os
import sys
import unittest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools", "contract"))

import documented_errors as contract  # noqa: E402

ERRORS = "#define ENOENT 2\n#define EFAULT 14\n#define EBUSY 16\n#define EEXIST 17\n"
KNOWN = contract.error_numbers(ERRORS)

HEADER = """
enum abi_system_call {
    /* --- a section comment ------------------------------------------------------------ */

    /* getpid() -> pid. Never fails. */
    SYSCALL_GETPID = 5,

    /* open(path) -> handle: ELF32 files only.
     * Errors: ENOENT no such file; EFAULT. EEXIST is mentioned before, not after:
     * EFAULT twice counts once. */
    SYSCALL_OPEN = 21,

    /* shm_open(name) -> handle. Errors: as open, and EBUSY when mapped. */
    SYSCALL_SHM_OPEN = 38,
    SYSCALL_COUNT
};
"""


def errors_by_name(text):
    return {name: errors for name, _, _, errors in contract.documented_errors(text, KNOWN)}


class ReadsTheHeader(unittest.TestCase):
    def test_every_call_is_found_with_its_number(self):
        calls = contract.documented_errors(HEADER, KNOWN)
        self.assertEqual([(name, number) for name, _, number, _ in calls],
                         [("getpid", 5), ("open", 21), ("shm_open", 38)])

    def test_errors_are_the_known_names_after_the_word_errors(self):
        errors = errors_by_name(HEADER)
        self.assertEqual(errors["getpid"], [])
        # ELF32 is not an error name; EEXIST comes after "Errors:" too, so it counts.
        self.assertEqual(errors["open"], ["ENOENT", "EFAULT", "EEXIST"])

    def test_as_another_call_takes_its_errors_and_adds_more(self):
        self.assertEqual(errors_by_name(HEADER)["shm_open"], ["ENOENT", "EFAULT", "EEXIST", "EBUSY"])

    def test_a_reference_to_no_call_is_refused(self):
        header = HEADER.replace("as open", "as nothing")
        with self.assertRaises(contract.ContractError):
            contract.documented_errors(header, KNOWN)

    def test_the_c_table_ends_each_list_with_zero(self):
        text = contract.c_header(contract.documented_errors(HEADER, KNOWN), KNOWN)
        self.assertIn('{SYSCALL_GETPID, "getpid", {0}},', text)
        self.assertIn('{SYSCALL_SHM_OPEN, "shm_open", {ENOENT, EFAULT, EEXIST, EBUSY, 0}},', text)
        self.assertIn('{EBUSY, "EBUSY"},', text)


class ComparesWithTheDocumentation(unittest.TestCase):
    TABLE = """
| # | call | arguments → result | errors | library functions |
|---|---|---|---|---|
| 5 | getpid | → pid | — | `getpid` |
| 21 | open | path → handle | ENOENT, EFAULT, EEXIST | `open` |
| 38 | shm_open | name → handle | ENOENT, EFAULT, EEXIST, EBUSY | `shm_open` |
"""

    def test_an_agreeing_table_has_no_problems(self):
        calls = contract.documented_errors(HEADER, KNOWN)
        self.assertEqual(contract.compare_with_docs(calls, contract.docs_errors(self.TABLE)), [])

    def test_a_difference_is_named_on_both_sides(self):
        calls = contract.documented_errors(HEADER, KNOWN)
        table = self.TABLE.replace("EFAULT, EEXIST, EBUSY |", "EFAULT, EBUSY |")
        problems = contract.compare_with_docs(calls, contract.docs_errors(table))
        self.assertEqual(problems, ["shm_open: the documentation does not list EEXIST"])
        table = self.TABLE.replace("EFAULT, EEXIST | `open`", "EFAULT, EEXIST, EBUSY | `open`")
        problems = contract.compare_with_docs(calls, contract.docs_errors(table))
        self.assertEqual(problems, ["open: the documentation lists EBUSY, which "
                                    "libk/abi/system_calls.h does not"])

    def test_a_missing_row_is_named(self):
        calls = contract.documented_errors(HEADER, KNOWN)
        table = "\n".join(line for line in self.TABLE.splitlines() if "getpid" not in line)
        problems = contract.compare_with_docs(calls, contract.docs_errors(table))
        self.assertEqual(problems, ["getpid: no row in the table of calls"])


class TheRealFilesAgree(unittest.TestCase):
    def read(self, path):
        with open(os.path.join(ROOT, path), encoding="utf-8") as file:
            return file.read()

    def test_every_call_of_the_header_has_a_contract_and_the_docs_agree(self):
        known = contract.error_numbers(self.read(contract.ERRORS_HEADER))
        calls = contract.documented_errors(self.read(contract.CALLS_HEADER), known)
        numbers = [number for _, _, number, _ in calls]
        self.assertEqual(numbers, list(range(1, len(calls) + 1)))
        documented = contract.docs_errors(self.read("docs/user-space.md"))
        self.assertEqual(contract.compare_with_docs(calls, documented), [])


if __name__ == "__main__":
    unittest.main()
