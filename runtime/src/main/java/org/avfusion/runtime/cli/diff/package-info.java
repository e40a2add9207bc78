/**
 * {@code avfusion diff A.jsonl B.jsonl}: compares two decision files written by {@code replay --decisions} and names
 * the first decision where they diverge (its stamp and the fields that differ), ignoring wall-clock fields. The
 * comparison ({@link org.avfusion.runtime.cli.diff.DecisionDiff}) is plain Java over Jackson trees; the command only
 * reads files and prints. Depends on {@code runtime.output.file} (the field list) and picocli.
 */
package org.avfusion.runtime.cli.diff;
