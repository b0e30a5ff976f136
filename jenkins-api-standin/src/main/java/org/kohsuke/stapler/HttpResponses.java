package org.kohsuke.stapler;

import java.net.URL;

public class HttpResponses {
    public HttpResponses() {
    }

    public static HttpResponseException notFound() {
        return new HttpResponseException("404") {
            private static final long serialVersionUID = 1L;
        };
    }

    public static HttpResponse redirectToDot() {
        return new HttpRedirect(".");
    }

    public static HttpResponse staticResource(URL resource) {
        return new HttpResponse() {
        };
    }

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        private static final long serialVersionUID = 1L;

        public HttpResponseException(String message) {
            super(message);
        }
    }
}
