"""Jupyter protocol conformance of the "TypeScript (lessons)" kernel.

Runs jupyter_kernel_test's suite against the kernelspec `typescript-lessons`, with every sample
the suite can use, plus checks of what the lessons kernel adds over plain tslab (errors with
name, message and traceback; results with execution counts and rich representations; complete
kernel_info) and of what it keeps (stop-on-error, interrupt).

Run through test/kernel/conformance.test.ts, which sets JUPYTER_PATH to the project's kernelspec
directory:  JUPYTER_PATH=.jupyter-lessons /usr/bin/python3 -m unittest -v test/kernel/test_conformance.py
"""

import json
import os
import time
import unittest

import jupyter_kernel_test
from jupyter_kernel_test import TIMEOUT

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# tslab aborts execute requests that arrive within 200 ms after a failed cell (its stop-on-error),
# so tests wait this long after provoking an error before the next request.
AFTER_ERROR_SECONDS = 0.4


def typescript_version():
    """The TypeScript version tslab compiles with (the kernel must report this one)."""
    with open(os.path.join(REPO_ROOT, "node_modules", "@tslab", "typescript-for-tslab", "package.json")) as f:
        return json.load(f)["version"]


class LessonsKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "typescript-lessons"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("written to stderr")'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "console.lo", "matches": {"log", "timeLog"}},
    ]
    complete_code_samples = ["1", "const a = 1;", "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {", "const xs = [1, 2,", "if (true) {"]
    # tslab's is_complete never answers "invalid" (the compiler reports such code when it runs).

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a string"', "result": "'a string'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {
            "code": "({ toMimeBundle: () => ({ data: { 'text/html': '<b>bundle</b>' } }) })",
            "mime": "text/html",
            "result": "<b>bundle</b>",
        },
        {
            "code": "({ toMimeBundle: async () => ({ data: { 'text/markdown': '**awaited**' } }) })",
            "mime": "text/markdown",
            "result": "**awaited**",
        },
        {
            "code": "import * as tf from '@tensorflow/tfjs';\ntf.tensor([[1, 2], [3, 4]])",
            "result": "Tensor\n    [[1, 2],\n     [3, 4]]",
        },
        {"code": "tf.tensor([[1, 2], [3, 4]])", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'import { display } from "tslab";\ndisplay.html("<b>shown</b>")', "mime": "text/html"},
        {"code": 'display.png(new Uint8Array([137, 80, 78, 71]))', "mime": "image/png"},
    ]

    code_inspect_sample = "Math.max"

    # ---- What the lessons kernel adds over tslab -------------------------------------------

    def run_cell(self, code, **kwargs):
        self.flush_channels()
        return self.execute_helper(code, **kwargs)

    def assert_error_reported(self, reply, outputs):
        """An error reply with ename/evalue/traceback, and exactly one iopub error saying the same."""
        content = reply["content"]
        self.assertEqual(content["status"], "error")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1, f"expected one iopub error, got {[m['msg_type'] for m in outputs]}")
        for key in ("ename", "evalue", "traceback"):
            self.assertEqual(errors[0]["content"][key], content[key])
        # Nothing else: tslab used to print errors to stderr, which would show them twice.
        self.assertEqual([m["msg_type"] for m in outputs], ["error"])
        time.sleep(AFTER_ERROR_SECONDS)
        return content

    def test_error(self):
        super().test_error()
        time.sleep(AFTER_ERROR_SECONDS)

    def test_lessons_type_error_has_one_traceback_line_per_diagnostic(self):
        reply, outputs = self.run_cell('const n: number = "s";\nconst m: string = 1;')
        content = self.assert_error_reported(reply, outputs)
        self.assertEqual(content["ename"], "TSError")
        self.assertEqual(
            content["evalue"],
            "Type 'string' is not assignable to type 'number'. (cell line 1, column 7; 1 more in the traceback)",
        )
        self.assertEqual(
            content["traceback"],
            [
                "cell:1:7 - error TS2322: Type 'string' is not assignable to type 'number'.",
                "cell:2:7 - error TS2322: Type 'number' is not assignable to type 'string'.",
            ],
        )
        self.assertIsInstance(content["execution_count"], int)

    def test_lessons_runtime_error_has_name_message_and_trimmed_stack(self):
        code = 'function f(n: number) {\n  throw new RangeError("bad learning rate " + n);\n}\nf(3);'
        reply, outputs = self.run_cell(code)
        content = self.assert_error_reported(reply, outputs)
        self.assertEqual(content["ename"], "RangeError")
        self.assertEqual(content["evalue"], "bad learning rate 3")
        traceback = content["traceback"]
        self.assertIn("RangeError: bad learning rate 3", traceback)
        frames = [line for line in traceback if line.lstrip().startswith("at ")]
        self.assertTrue(frames and frames[0].strip().startswith("at f (evalmachine.<anonymous>:"), traceback)
        for line in frames:
            for kernel_code in ("node:vm", "/tslab/", "/kernel-helpers/dist/kernel/", "processTicksAndRejections"):
                self.assertNotIn(kernel_code, line)

    def test_lessons_error_after_await_is_reported(self):
        code = "await new Promise((r) => setTimeout(r, 1));\nthrow new TypeError('after await');"
        reply, outputs = self.run_cell(code)
        content = self.assert_error_reported(reply, outputs)
        self.assertEqual((content["ename"], content["evalue"]), ("TypeError", "after await"))
        self.assertFalse(any("/tslab/" in line for line in content["traceback"]), content["traceback"])

    def test_lessons_thrown_non_error_is_reported(self):
        reply, outputs = self.run_cell("throw 'just a string';")
        content = self.assert_error_reported(reply, outputs)
        self.assertEqual((content["ename"], content["evalue"]), ("Uncaught", "'just a string'"))

    def test_lessons_failing_mime_bundle_fails_the_cell(self):
        code = "({ toMimeBundle() { throw new Error('cannot render'); } })"
        reply, outputs = self.run_cell(code)
        content = self.assert_error_reported(reply, outputs)
        self.assertEqual((content["ename"], content["evalue"]), ("Error", "cannot render"))

    def test_lessons_execute_result_carries_the_reply_execution_count(self):
        reply, outputs = self.run_cell("1 + 1")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["content"]["execution_count"], reply["content"]["execution_count"])
        reply2, outputs2 = self.run_cell("2 + 2")
        self.assertEqual(reply2["content"]["execution_count"], reply["content"]["execution_count"] + 1)
        self.assertEqual(
            [m["content"]["execution_count"] for m in outputs2 if m["msg_type"] == "execute_result"],
            [reply2["content"]["execution_count"]],
        )

    def test_lessons_no_result_for_statements_null_or_silent(self):
        for code in ("const unused = 1;", "null", "undefined"):
            with self.subTest(code=code):
                reply, outputs = self.run_cell(code)
                self.assertEqual(reply["content"]["status"], "ok")
                self.assertEqual([m["msg_type"] for m in outputs], [])
        reply, outputs = self.run_cell("6 * 7", silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], [])

    def test_lessons_kernel_info_reports_status_and_typescript_version(self):
        self.flush_channels()
        self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["implementation"], "tslab-lessons")
        self.assertEqual(content["language_info"]["version"], typescript_version())

    def test_lessons_comm_info_reply_is_typed(self):
        self.flush_channels()
        msg = self.kc.session.msg("comm_info_request", {})
        self.kc.shell_channel.send(msg)
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        jupyter_kernel_test.validate_message(reply, "comm_info_reply", msg["header"]["msg_id"])
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})

    # ---- What it keeps from tslab ----------------------------------------------------------

    def test_lessons_keeps_stop_on_error(self):
        """A request queued behind a failing cell is aborted, not run (tslab's stop-on-error)."""
        self.flush_channels()
        self.kc.execute("throw new Error('first fails');")
        self.kc.execute("console.log('must not run')")
        first = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        second = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(first["content"]["status"], "error")
        self.assertEqual(second["content"]["status"], "abort")
        time.sleep(AFTER_ERROR_SECONDS)
        self.flush_channels()
        reply, _ = self.run_cell("1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_lessons_keeps_interrupt(self):
        self.flush_channels()
        msg_id = self.kc.execute("while (true) {}")
        time.sleep(1.0)
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted", reply["content"]["evalue"])
        time.sleep(AFTER_ERROR_SECONDS)
        reply, outputs = self.run_cell("'alive'")
        self.assertEqual(reply["content"]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
