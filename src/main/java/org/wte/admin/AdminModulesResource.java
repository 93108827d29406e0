package org.wte.admin;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.account.Permission;
import org.wte.content.PartStatus;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.QueryParams;
import org.wte.web.View;

/** All modules, for administrators (modules.view_all or admin.system): search, status filter, paging. */
@Path("/admin/modules")
@Produces(MediaType.TEXT_HTML)
public final class AdminModulesResource {
    private final ModuleAdministration administration;

    @Context
    private HttpServletRequest request;

    public AdminModulesResource(ModuleAdministration administration) {
        this.administration = administration;
    }

    @GET
    public View list(@QueryParam("q") String query, @QueryParam("status") String status,
                     @QueryParam("page") String page) {
        CurrentUser user = Access.requireUser(request);
        if (!user.can(Permission.MODULES_VIEW_ALL) && !user.can(Permission.ADMIN_SYSTEM)) {
            throw new ForbiddenException("Your account does not have the rights for this page.");
        }
        PartStatus filter = QueryParams.optionalEnum(PartStatus.class, status, "status");
        return View.of("admin/modules.ftlh").with("modules", administration.list(user, query, filter, QueryParams.page(page)))
                .with("q", query == null ? "" : query).with("status", filter == null ? "" : filter.label());
    }
}
