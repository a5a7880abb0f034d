package org.diplomacytracker.events;

/** Well-formed UTF-8 as RFC 3629 and Java's strict decoder define it. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether {@code bytes} are well-formed UTF-8: no stray continuation byte, no overlong form, no
     * encoded surrogate, nothing above U+10FFFF, no sequence cut short.
     */
    static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b >= 0xC2 && b <= 0xDF) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                int low = b == 0xE0 ? 0xA0 : 0x80;   // no overlong form
                int high = b == 0xED ? 0x9F : 0xBF;  // no surrogate
                if (b1 < low || b1 > high || !continuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                int low = b == 0xF0 ? 0x90 : 0x80;   // no overlong form
                int high = b == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
                if (b1 < low || b1 > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
