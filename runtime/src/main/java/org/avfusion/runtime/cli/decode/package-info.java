/**
 * {@code avfusion decode ...}: tools that run one driver over a file and print what it decoded, one JSON object per
 * line, for users and for checking drivers against other tools' output.
 */
package org.avfusion.runtime.cli.decode;
