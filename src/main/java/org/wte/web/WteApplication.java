package org.wte.web;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.wte.CompositionRoot;
import org.wte.account.AccountResource;
import org.wte.account.ProfileResource;
import org.wte.admin.AdminModulesResource;
import org.wte.admin.AdminTimedTasksResource;
import org.wte.admin.AdminUsersResource;
import org.wte.admin.OutboxResource;
import org.wte.enrolment.EnrolmentResource;
import org.wte.enrolment.ModuleAccessResource;
import org.wte.enrolment.ModuleUsersResource;
import org.wte.asset.AssetResource;
import org.wte.asset.AssetSearchResource;
import org.wte.content.ContentAccess;
import org.wte.content.Parts;
import org.wte.timedtask.TimedTaskResource;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/** The Jersey application: every resource and provider, built by hand from the composition root. */
public final class WteApplication extends ResourceConfig {
    /**
     * Jersey warns on every form POST because the CSRF filter read the parameters first (@FormParam still
     * works). Held here so the level is not lost when the logger is garbage-collected.
     */
    private static final java.util.logging.Logger FORM_WARNINGS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.servlet.WebComponent");

    static {
        FORM_WARNINGS.setLevel(java.util.logging.Level.SEVERE);
    }

    public WteApplication(@Context ServletContext context) {
        CompositionRoot root = WebContext.root(context);
        register(new ViewWriter(root.templates(), org.wte.help.PageHelp::topicFor));
        register(new ExceptionPages());
        register(new HomeResource());
        register(new AccountResource(root.accounts(), root.settings()));
        register(new ProfileResource(root.accounts()));
        register(new AdminUsersResource(root.userAdministration()));
        register(new OutboxResource(root.database(), root.outbox(), root.settings()));
        register(new org.wte.help.HelpResource(root.helpTopics(), root.helpSearch()));
        register(new org.wte.content.ModulesResource(root.database(), root.parts(), root.partService(),
                root.partTimedTasks()));
        register(new org.wte.content.PartResource(root.database(), root.partService(), root.partViews(), root.parts(),
                root.markupContent(), root.moduleMailer(), root.partTimedTasks(), root.partProgress(),
                root.quizResults(), root.workspacePages()));
        register(new org.wte.content.PartSearchResource(root.database(), root.partService(), new ContentAccess()));
        register(new org.wte.content.RecompileResource(root.database(), root.partService()));
        register(new AdminModulesResource(root.moduleAdministration()));
        register(new EnrolmentResource(root.enrolment()));
        register(new ModuleAccessResource(root.moduleAccessSettings()));
        register(new ModuleUsersResource(root.moduleMembers()));
        register(MultiPartFeature.class);
        register(JacksonFeature.class);
        register(new AssetResource(root.database(), root.assets(), root.parts(), new ContentAccess()));
        register(new AssetSearchResource(root.database(), root.assetLookup(), root.parts(), new ContentAccess()));
        register(new TimedTaskResource(root.database(), root.timedTaskService(), root.timedTaskViews()));
        register(new AdminTimedTasksResource(root.database(), root.timedTaskOverview()));
        register(new org.wte.progress.TimeOnPageResource(root.database(), root.timeBeacons()));
        register(new org.wte.progress.ProgressResource(root.database(), root.partService(), root.progressReports(),
                root.settings().app().timezone()));
        register(new org.wte.quiz.QuizAnswerResource(root.database(), root.quizAnswering()));
        register(new org.wte.quiz.QuizResultsResource(root.database(), root.partService(), root.quizResults(),
                root.quizResultsCsv()));
        register(new org.wte.content.PartDownloadResource(root.database(), root.partDownloads()));
        register(new org.wte.workspace.WorkspaceResource(root.database(), root.workspaceService(), root.workspacePages(),
                root.workspaces(), root.templateFiles(), root.partService(), root.parts(),
                root.previewLinks()));
        register(new org.wte.exchange.ExportResource(root.database(), root.partService(), root.exchange()));
        register(new org.wte.exchange.ImportResource(root.database(), root.partService(), root.exchange()));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    }
}
