package org.wte.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The start page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class HomeResource {
    @GET
    public View home(@Context HttpServletRequest request) {
        return View.of("home.ftlh");
    }
}
