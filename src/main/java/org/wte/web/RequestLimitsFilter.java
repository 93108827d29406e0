package org.wte.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request body larger than [uploads] max_request_size with 413, before anything reads it.
 * A body without Content-Length (chunked) is counted as it is read: form parameters are limited by the
 * connector's maxPostSize and Tomcat's FailedRequestFilter, and every other reader (Jersey's multipart
 * uploads) gets {@link TooLarge} at the limit, which {@link ExceptionPages} answers with 413.
 */
public final class RequestLimitsFilter extends HttpFilter {
    /** Thrown by the input stream of a chunked body that has gone past max_request_size. */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }

        public String message() {
            return "The data sent is too large: at most " + readable(limit) + " per request.";
        }
    }

    /** The import upload (org.wte.exchange.ImportResource). */
    private static final java.util.regex.Pattern IMPORT_PATH = java.util.regex.Pattern.compile("/imports/?");
    /** Room for the import form's other fields and the multipart boundaries. */
    private static final long IMPORT_FORM = 64 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = WebContext.settings(getServletContext()).uploads().maxRequestSize();
        // An import's upload is bounded by [uploads] max_import_size (plus the form's own bytes), not the request size.
        boolean importing = IMPORT_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()))
                .matches();
        if (importing) {
            limit = WebContext.settings(getServletContext()).uploads().maxImportSize() + IMPORT_FORM;
        }
        if (request.getContentLengthLong() > limit) {
            ErrorPages.send(request, response, 413, importing
                    ? "This file is too large to import: at most " + readable(limit - IMPORT_FORM)
                    + " ([uploads] max_import_size)."
                    : "The data sent is too large: at most " + readable(limit) + " per request.");
            return;
        }
        String method = request.getMethod();
        if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) && request.getContentType() == null) {
            ErrorPages.send(request, response, 415, "The data sent does not say what it is (no Content-Type).");
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, limit) : request, response);
    }

    /** A request whose body stream fails with {@link TooLarge} once more than the limit has been read. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int counted(int n) throws TooLarge {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new TooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    static String readable(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }
}
