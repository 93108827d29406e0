package org.wte.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * The FreeMarker configuration of every page: templates under /templates on the class path, HTML
 * auto-escaping everywhere (only sanitizer output may use ?no_esc), errors rethrown, never printed.
 */
public final class Templates {
    private final Configuration freemarker;

    public Templates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(Templates.class, "/templates");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputEncoding("UTF-8");
        freemarker.setURLEscapingCharset("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        // Even a template that is not *.ftlh escapes: HTML is the default output format.
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setNumberFormat("computer");
    }

    public void render(String template, Map<String, ?> model, Writer out) throws IOException {
        try {
            freemarker.getTemplate(template).process(model, out);
        } catch (TemplateException e) {
            throw new IOException("template " + template + " failed: " + e.getMessage(), e);
        }
    }

    public Configuration configuration() {
        return freemarker;
    }
}
