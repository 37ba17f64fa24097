package org.newswatch.collector.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * A feed's answer: a body to parse (200) or a confirmation that nothing changed (304).
 *
 * @param status        the final HTTP status, 2xx or 304
 * @param body          the decoded body (decompressed), empty for a 304
 * @param contentType   the Content-Type header, or null
 * @param finalUrl      the URL that answered, after redirects
 * @param permanentUrl  where the feed has moved when every hop was a permanent redirect (301/308), else null
 * @param etag          the ETag to send next time, or null
 * @param lastModified  the Last-Modified to send next time, or null
 * @param freshFor      how long the answer stays fresh (Cache-Control max-age or Expires), or null
 */
public record FetchResponse(int status, byte[] body, String contentType, URI finalUrl, String permanentUrl,
        String etag, String lastModified, Duration freshFor) {

    public boolean notModified() {
        return status == 304;
    }
}
