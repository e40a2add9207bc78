package org.avfusion.runtime.output.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Appends JSON into a reused {@link StringBuilder}. Numbers that are NaN or infinite are written as {@code null}
 * (JSON has no NaN). Not thread-safe; one per encoder thread.
 */
public final class JsonWriter {
    /** Beyond this a value times 10^decimals overflows the long used for fixed-point formatting. */
    private static final double FIXED_POINT_LIMIT = 1e18;
    private final StringBuilder sb = new StringBuilder(4096);
    private boolean needComma;

    public JsonWriter begin() {
        sb.setLength(0);
        needComma = false;
        sb.append('{');
        return this;
    }

    public byte[] endBytes() {
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public String endString() {
        sb.append('}');
        return sb.toString();
    }

    private void key(String k) {
        if (needComma) {
            sb.append(',');
        }
        sb.append('"').append(k).append("\":");
        needComma = true;
    }

    public JsonWriter field(String k, String v) {
        key(k);
        string(v);
        return this;
    }

    public JsonWriter field(String k, long v) {
        key(k);
        sb.append(v);
        return this;
    }

    public JsonWriter field(String k, boolean v) {
        key(k);
        sb.append(v);
        return this;
    }

    /** A number rounded to {@code decimals} places, or null when not finite. */
    public JsonWriter field(String k, double v, int decimals) {
        key(k);
        number(v, decimals);
        return this;
    }

    public JsonWriter nullField(String k) {
        key(k);
        sb.append("null");
        return this;
    }

    public JsonWriter beginObject(String k) {
        key(k);
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray(String k) {
        key(k);
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    /** Starts an object inside an array. */
    public JsonWriter beginElement() {
        if (needComma) {
            sb.append(',');
        }
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endElement() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter stringElement(String v) {
        if (needComma) {
            sb.append(',');
        }
        string(v);
        needComma = true;
        return this;
    }

    /** Appends a raw, already valid JSON value (e.g. a base64 string literal built elsewhere). */
    public JsonWriter rawField(String k, CharSequence json) {
        key(k);
        sb.append(json);
        return this;
    }

    private void number(double v, int decimals) {
        if (!Double.isFinite(v)) {
            sb.append("null");
            return;
        }
        long scale = 1;
        for (int i = 0; i < Math.min(decimals, 18); i++) {
            scale *= 10;
        }
        if (decimals > 18 || Math.abs(v) * scale >= FIXED_POINT_LIMIT) {
            // the scaled value does not fit a long: rare, so the allocating exact path is fine
            sb.append(new BigDecimal(v).setScale(Math.max(0, decimals), RoundingMode.HALF_UP).toPlainString());
            return;
        }
        if (decimals <= 0) {
            sb.append(Math.round(v));
            return;
        }
        long scaled = Math.round(Math.abs(v) * scale);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / scale).append('.');
        String frac = Long.toString(scaled % scale);
        for (int i = frac.length(); i < decimals; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private void string(String v) {
        if (v == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
