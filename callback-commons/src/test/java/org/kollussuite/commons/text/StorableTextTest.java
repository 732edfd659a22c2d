package org.kollussuite.commons.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableTextTest {

    @Test
    void nulAndOtherControlCharactersAreEscapedWhileTabsAndLineBreaksStay() {
        assertEquals("ok\\u0000 \\u001b[31m\tline\r\n\\u007f", StorableText.escaped("ok\0 \u001b[31m\tline\r\n\u007f"));
    }

    @Test
    void textWithoutControlCharactersIsReturnedAsItIs() {
        String text = "강의 1\tpart\n";
        assertSame(text, StorableText.escaped(text));
        assertFalse(StorableText.hasControlCharacter(text));
        assertTrue(StorableText.hasControlCharacter("a\u0001"));
        assertNull(StorableText.escaped(null));
    }
}
