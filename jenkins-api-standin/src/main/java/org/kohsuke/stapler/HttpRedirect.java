package org.kohsuke.stapler;

/** Stand-in: a redirect as a response (upstream also throwable from web methods). */
public final class HttpRedirect extends RuntimeException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public HttpRedirect(String url) {
        super(url);
    }
}
