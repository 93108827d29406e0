package org.wte.mail;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.core.PlainTextOutputFormat;

/**
 * Plain-text mail bodies from FreeMarker templates under templates/mail/ (*.ftl). The first line of a
 * template's output is "Subject: ...", the rest is the body.
 */
public final class MailTemplates {
    private final Configuration freemarker;
    private final Configuration html;

    public MailTemplates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(MailTemplates.class, "/templates/mail");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        freemarker.setRecognizeStandardFileExtensions(false);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        // HTML alternatives (*.ftlh): auto-escaped, as every page is.
        html = new Configuration(Configuration.VERSION_2_3_34);
        html.setClassForTemplateLoading(MailTemplates.class, "/templates/mail");
        html.setDefaultEncoding("UTF-8");
        html.setRecognizeStandardFileExtensions(true);
        html.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        html.setLogTemplateExceptions(false);
    }

    /** The HTML alternative from templates/mail/{template}.ftlh. */
    public String renderHtml(String template, Map<String, ?> model) {
        StringWriter out = new StringWriter();
        try {
            html.getTemplate(template + ".ftlh").process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("mail template " + template + ".ftlh failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    public Mail render(String template, String recipient, Map<String, ?> model) {
        StringWriter out = new StringWriter();
        try {
            freemarker.getTemplate(template + ".ftl").process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("mail template " + template + " failed: " + e.getMessage(), e);
        }
        String text = out.toString();
        int newline = text.indexOf('\n');
        if (!text.startsWith("Subject: ") || newline < 0) {
            throw new IllegalStateException("mail template " + template + " must start with a Subject: line");
        }
        return new Mail(recipient, text.substring("Subject: ".length(), newline).trim(),
                text.substring(newline + 1).stripLeading());
    }
}
