/**
 * Numbers as decimal text, written straight into a caller's byte array without allocating: the shortest decimal
 * that rounds back to a float (Giulietti's Schubfach), the {@code Float.toString} text of JDK 17 built on it, and
 * {@code Long.toString}'s digits eight at a time.
 * Plain Java: depends on nothing but the JDK ({@code java.math} for the tables computed at class initialisation,
 * byte-array views of {@code java.lang.invoke} for word stores); no I/O, no threads.
 */
package org.avfusion.runtime.decimal;
