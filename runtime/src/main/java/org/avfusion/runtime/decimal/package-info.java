/**
 * Numbers as decimal text, written straight into a caller's byte array without allocating: the shortest decimal
 * that rounds back to a float (Giulietti's Schubfach) and the {@code Float.toString} text of JDK 17 built on it.
 * Plain Java: depends on nothing but {@code java.lang} and {@code java.math} (tables computed at class
 * initialisation); no I/O, no threads.
 */
package org.avfusion.runtime.decimal;
