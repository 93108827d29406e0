package org.wte.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/** Renders a {@link View} as an HTML page, UTF-8, with the request's {@link PageContext} as "ctx". */
@Provider
@Produces(MediaType.TEXT_HTML)
public final class ViewWriter implements MessageBodyWriter<View> {
    private final Templates templates;
    /** The help topic of a page (template, model), for the header's "?" link. */
    private final BiFunction<String, Map<String, Object>, Optional<String>> helpTopic;

    @Context
    private HttpServletRequest request;

    public ViewWriter(Templates templates) {
        this(templates, (template, model) -> Optional.empty());
    }

    public ViewWriter(Templates templates, BiFunction<String, Map<String, Object>, Optional<String>> helpTopic) {
        this.templates = templates;
        this.helpTopic = helpTopic;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return View.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(View view, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream entityStream) throws IOException {
        headers.putSingle("Content-Type", "text/html; charset=UTF-8");
        Map<String, Object> model = new HashMap<>(view.model());
        model.put("ctx", PageContext.of(request));
        helpTopic.apply(view.template(), view.model()).ifPresent(topic -> model.putIfAbsent("helpTopic", topic));
        // Render fully before writing, so that a template error still becomes a clean 500 page.
        StringWriter page = new StringWriter(8192);
        templates.render(view.template(), model, page);
        Writer out = new OutputStreamWriter(entityStream, StandardCharsets.UTF_8);
        out.write(page.toString());
        out.flush();
    }
}
