package org.kollussuite.lms.mapping;

/**
 * The flat parameter name of one block value, as a template: {@code b{i}} names block 0 {@code b0},
 * {@code B{i+1}} names it {@code B1}. Kollus' JSON document always uses the 0-based {@code b/t/p} names;
 * templates exist for channels whose plugin options send blocks as renamed flat parameters.
 */
public final class BlockKey {

    private static final String ZERO_BASED = "{i}";
    private static final String ONE_BASED = "{i+1}";

    private final String prefix;
    private final String suffix;
    private final int base;

    private BlockKey(String prefix, String suffix, int base) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.base = base;
    }

    /**
     * The template {@code text}, or null for {@code -} (not sent). Throws {@link IllegalArgumentException}
     * with a sentence for an operator when it holds neither index placeholder, or more than one.
     */
    static BlockKey parse(String text) {
        String template = text.strip();
        if (template.equals("-")) {
            return null;
        }
        int zero = template.indexOf(ZERO_BASED);
        int one = template.indexOf(ONE_BASED);
        if ((zero < 0) == (one < 0)) {
            throw new IllegalArgumentException("'" + template + "' must contain exactly one of " + ZERO_BASED
                    + " (0-based index) or " + ONE_BASED + " (1-based), or be - (not sent)");
        }
        String placeholder = zero >= 0 ? ZERO_BASED : ONE_BASED;
        int at = Math.max(zero, one);
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + placeholder.length());
        String name = prefix + suffix;
        if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
            throw new IllegalArgumentException("'" + template + "' needs a name around its single index placeholder");
        }
        return new BlockKey(prefix, suffix, zero >= 0 ? 0 : 1);
    }

    /** The parameter name of block {@code index} (0-based). */
    public String name(int index) {
        return prefix + (index + base) + suffix;
    }

    /** The 0-based block index {@code name} stands for, or -1 when it is not a name of this template. */
    public long index(String name) {
        int digits = name.length() - prefix.length() - suffix.length();
        if (digits < 1 || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        long value = 0;
        for (int i = prefix.length(); i < prefix.length() + digits; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = Math.min(Integer.MAX_VALUE, value * 10 + (c - '0'));
        }
        return value - base;
    }

    @Override
    public String toString() {
        return prefix + (base == 0 ? ZERO_BASED : ONE_BASED) + suffix;
    }
}
