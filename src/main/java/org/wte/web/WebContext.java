package org.wte.web;

import jakarta.servlet.ServletContext;
import org.wte.CompositionRoot;
import org.wte.config.Settings;

/** Where the web application keeps its composition root: one servlet-context attribute. */
public final class WebContext {
    public static final String ROOT = "wte.root";

    private WebContext() {}

    public static CompositionRoot root(ServletContext context) {
        CompositionRoot root = (CompositionRoot) context.getAttribute(ROOT);
        if (root == null) {
            throw new IllegalStateException("WTE did not start; see the log for why");
        }
        return root;
    }

    public static Settings settings(ServletContext context) {
        return root(context).settings();
    }
}
