package org.newswatch.collector.parse;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A body turned into characters.
 *
 * @param text    the characters, without a byte order mark
 * @param charset the encoding that was used
 * @param notices what was wrong with the declared encodings, if anything
 */
record DecodedBody(String text, Charset charset, List<String> notices) {

    DecodedBody {
        notices = List.copyOf(notices);
    }
}
