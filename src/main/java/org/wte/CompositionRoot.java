package org.wte;

import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.wte.account.AccountMails;
import org.wte.account.AccountService;
import org.wte.account.AccountToken;
import org.wte.account.AccountTokens;
import org.wte.account.Administrators;
import org.wte.account.LoginFailure;
import org.wte.account.LoginThrottle;
import org.wte.account.PasswordHasher;
import org.wte.account.PermissionGroup;
import org.wte.account.User;
import org.wte.account.Users;
import org.wte.admin.ModuleAdministration;
import org.wte.admin.UserAdministration;
import org.wte.asset.AssetLookup;
import org.wte.asset.AssetService;
import org.wte.config.Settings;
import org.wte.content.ContentAccess;
import org.wte.db.DataSources;
import org.wte.db.Database;
import org.wte.db.Migrations;
import org.wte.enrolment.EnrolmentFailure;
import org.wte.enrolment.EnrolmentService;
import org.wte.enrolment.EnrolmentThrottle;
import org.wte.enrolment.MemberData;
import org.wte.enrolment.ModuleAccess;
import org.wte.enrolment.ModuleAccessSettings;
import org.wte.enrolment.ModuleMailer;
import org.wte.enrolment.ModuleMembers;
import org.wte.enrolment.ModuleRoles;
import org.wte.mail.MailTemplates;
import org.wte.mail.Outbox;
import org.wte.mail.OutboxMail;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;
import org.wte.web.Templates;

/** Builds every long-lived object of WTE by hand, in one place, from the settings. */
public final class CompositionRoot implements AutoCloseable {
    public static final List<Class<?>> ENTITIES = List.of(User.class, PermissionGroup.class, AccountToken.class,
            LoginFailure.class, OutboxMail.class, org.wte.content.Part.class, org.wte.enrolment.ModuleRole.class,
            org.wte.quiz.Quiz.class, org.wte.quiz.QuizQuestion.class, org.wte.quiz.QuizChoice.class,
            ModuleAccess.class, EnrolmentFailure.class,
            org.wte.asset.Asset.class, org.wte.timedtask.TimedTask.class, org.wte.timedtask.TimedTaskRun.class,
            org.wte.timedtask.RunnerRun.class, org.wte.workspace.Workspace.class, org.wte.workspace.WorkspaceFile.class,
            org.wte.quiz.QuizAnswer.class);

    private final Settings settings;
    private final HikariDataSource dataSource;
    private final Database database;
    private final Outbox outbox;
    private final OutboxSender outboxSender;
    private final Users users;
    private final AccountService accounts;
    private final Administrators administrators;
    private final UserAdministration userAdministration;
    private final Templates templates;
    private final org.wte.content.Parts parts;
    private final org.wte.content.PartService partService;
    private final org.wte.content.PartViews partViews;
    private final org.wte.content.MarkupContent markupContent;
    private final EnrolmentService enrolment;
    private final ModuleAccessSettings moduleAccessSettings;
    private final ModuleMembers moduleMembers;
    private final ModuleMailer moduleMailer;
    private final ModuleAdministration moduleAdministration;
    private final AssetService assets;
    private final AssetLookup assetLookup;
    private final org.wte.timedtask.PartTimedTasks partTimedTasks;
    private final org.wte.timedtask.TimedTaskService timedTaskService;
    private final org.wte.timedtask.TimedTaskViews timedTaskViews;
    private final org.wte.timedtask.RunnerHealth runnerHealth;
    private final org.wte.timedtask.TimedTaskOverview timedTaskOverview;
    private final org.wte.workspace.PreviewLinks previewLinks;
    private final org.wte.progress.PageVisits pageVisits;
    private final org.wte.progress.ProgressReports progressReports;
    private final org.wte.progress.PartProgress partProgress;
    private final org.wte.progress.TimeBeacons timeBeacons;
    private final org.wte.quiz.QuizAnswering quizAnswering;
    private final org.wte.quiz.QuizResults quizResults;
    private final org.wte.quiz.QuizResultsCsv quizResultsCsv;
    private final org.wte.workspace.PreviewFilter previewFilter;
    private final org.wte.help.HelpTopics helpTopics;
    private final org.wte.help.HelpSearch helpSearch;
    private final org.wte.content.PartDownloads partDownloads;
    private final org.wte.workspace.Workspaces workspaces;
    private final org.wte.workspace.TemplateFiles templateFiles;
    private final org.wte.workspace.WorkspaceService workspaceService;
    private final org.wte.workspace.WorkspacePages workspacePages;
    private final org.wte.exchange.ExchangeService exchange;

    /** How a start treats the schema: migrate it (serve, embedded defaults) or require it current (WAR). */
    public enum Schema { MIGRATE, REQUIRE_CURRENT }

    public static CompositionRoot start(Settings settings, Schema schema) {
        HikariDataSource dataSource = DataSources.create(settings.database(), "wte");
        try {
            Migrations migrations = new Migrations(dataSource);
            if (schema == Schema.MIGRATE) {
                migrations.migrate();
            } else {
                migrations.requireCurrent();
            }
            return new CompositionRoot(settings, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private CompositionRoot(Settings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.database = new Database(dataSource, ENTITIES);
        this.outboxSender = new OutboxSender(dataSource, new SmtpMailer(settings.email()), settings.timedTasks());
        this.outbox = new Outbox(outboxSender);
        this.users = new Users();
        PasswordHasher hasher = new PasswordHasher();
        AccountTokens tokens = new AccountTokens(Duration.ofHours(settings.registration().tokenHours()));
        MailTemplates mailTemplates = new MailTemplates();
        AccountMails accountMails = new AccountMails(outbox, mailTemplates, settings);
        this.accounts = new AccountService(database, users, hasher, tokens, new LoginThrottle(), accountMails, settings);
        this.administrators = new Administrators(database, users, hasher);
        this.userAdministration = new UserAdministration(database, users, tokens, accountMails);
        this.templates = new Templates();
        this.parts = new org.wte.content.Parts();
        org.wte.content.ReadingPositions readingPositions = new org.wte.content.ReadingPositions();
        this.assets = new AssetService(settings.uploads().maxFileSize());
        this.assetLookup = new AssetLookup();
        ContentAccess contentAccess = new ContentAccess();
        this.markupContent = new org.wte.content.MarkupContent(new org.wte.markup.MarkupRenderer(), contentAccess, parts,
                (session, part) -> name -> assetLookup.nearest(session, part, name, org.wte.asset.AssetKind.ASSET)
                        .map(a -> new org.wte.markup.MarkupContext.AssetLink(a.getFilename(),
                                org.wte.content.MarkupContent.ROOT + a.url(), a.getMimeType())));
        org.wte.timedtask.TimedTaskTypes timedTaskTypes = org.wte.timedtask.TimedTaskTypes.standard();
        this.partTimedTasks = new org.wte.timedtask.PartTimedTasks(timedTaskTypes, settings.app().timezone());
        org.wte.quiz.QuizStore quizStore = new org.wte.quiz.QuizStore();
        org.wte.quiz.QuizAnswers quizAnswers = new org.wte.quiz.QuizAnswers();
        this.partService = new org.wte.content.PartService(parts, contentAccess, markupContent, quizStore,
                partTimedTasks);
        this.quizAnswering = new org.wte.quiz.QuizAnswering(parts, contentAccess, quizStore,
                new org.wte.quiz.QuizGrader(), quizAnswers);
        this.quizResults = new org.wte.quiz.QuizResults(parts, quizStore);
        this.quizResultsCsv = new org.wte.quiz.QuizResultsCsv(settings.app().timezone());
        this.partViews = new org.wte.content.PartViews(parts, contentAccess, markupContent, readingPositions,
                partTimedTasks);
        this.timedTaskService = new org.wte.timedtask.TimedTaskService(timedTaskTypes, partService,
                settings.app().timezone());
        this.timedTaskViews = new org.wte.timedtask.TimedTaskViews(timedTaskTypes, settings.app().timezone());
        this.runnerHealth = new org.wte.timedtask.RunnerHealth(dataSource);
        this.timedTaskOverview = new org.wte.timedtask.TimedTaskOverview(timedTaskTypes, runnerHealth);
        this.previewLinks = new org.wte.workspace.PreviewLinks(settings.app().secret(),
                Duration.ofMinutes(settings.workspace().previewLinkMinutes()), java.time.Clock.systemUTC());
        this.pageVisits = new org.wte.progress.PageVisits();
        this.progressReports = new org.wte.progress.ProgressReports(parts, pageVisits);
        this.partProgress = new org.wte.progress.PartProgress(contentAccess, pageVisits, progressReports);
        this.timeBeacons = new org.wte.progress.TimeBeacons(parts, contentAccess, pageVisits);
        this.previewFilter = new org.wte.workspace.PreviewFilter(database, previewLinks,
                new org.wte.workspace.PreviewFiles(parts, assets, assetLookup));
        this.helpTopics = new org.wte.help.HelpTopics(new org.wte.markup.MarkupRenderer());
        this.helpSearch = new org.wte.help.HelpSearch(helpTopics);
        this.partDownloads = new org.wte.content.PartDownloads(parts, contentAccess, markupContent, assets,
                settings.app().url());
        this.workspaces = new org.wte.workspace.Workspaces();
        this.templateFiles = new org.wte.workspace.TemplateFiles(assets);
        this.workspaceService = new org.wte.workspace.WorkspaceService(database, workspaces, templateFiles,
                settings.workspace(), java.time.Clock.systemUTC());
        this.workspacePages = new org.wte.workspace.WorkspacePages(workspaces, templateFiles, previewLinks);
        this.exchange = new org.wte.exchange.ExchangeService(database, partService,
                new org.wte.exchange.Exporter(parts, assets, new org.wte.quiz.QuizStore(), settings.app().timezone()),
                new org.wte.exchange.Importer(parts, partService, assets, timedTaskTypes, settings.app().timezone()),
                settings.uploads().maxImportSize());
        ModuleRoles moduleRoles = new ModuleRoles();
        // What members have in a module (progress, files…), deleted when they leave or are removed.
        List<MemberData> memberData = List.of(readingPositions, pageVisits, quizAnswers, workspaces);
        this.enrolment = new EnrolmentService(database, moduleRoles, new EnrolmentThrottle(), hasher, memberData);
        this.moduleAccessSettings = new ModuleAccessSettings(database, contentAccess, hasher);
        this.moduleMembers = new ModuleMembers(database, contentAccess, moduleRoles, users, memberData);
        this.moduleMailer = new ModuleMailer(outbox, mailTemplates, settings, moduleRoles);
        this.moduleAdministration = new ModuleAdministration(database, partTimedTasks);
    }

    public Settings settings() { return settings; }
    public HikariDataSource dataSource() { return dataSource; }
    public Database database() { return database; }
    public Outbox outbox() { return outbox; }
    public OutboxSender outboxSender() { return outboxSender; }
    public Users users() { return users; }
    public AccountService accounts() { return accounts; }
    public Administrators administrators() { return administrators; }
    public UserAdministration userAdministration() { return userAdministration; }
    public Templates templates() { return templates; }
    public org.wte.content.Parts parts() { return parts; }
    public org.wte.content.PartService partService() { return partService; }
    public org.wte.content.PartViews partViews() { return partViews; }
    public org.wte.content.MarkupContent markupContent() { return markupContent; }
    public EnrolmentService enrolment() { return enrolment; }
    public ModuleAccessSettings moduleAccessSettings() { return moduleAccessSettings; }
    public ModuleMembers moduleMembers() { return moduleMembers; }
    public ModuleMailer moduleMailer() { return moduleMailer; }
    public ModuleAdministration moduleAdministration() { return moduleAdministration; }
    public AssetService assets() { return assets; }
    public AssetLookup assetLookup() { return assetLookup; }
    public org.wte.timedtask.PartTimedTasks partTimedTasks() { return partTimedTasks; }
    public org.wte.timedtask.TimedTaskService timedTaskService() { return timedTaskService; }
    public org.wte.timedtask.TimedTaskViews timedTaskViews() { return timedTaskViews; }
    public org.wte.timedtask.RunnerHealth runnerHealth() { return runnerHealth; }
    public org.wte.timedtask.TimedTaskOverview timedTaskOverview() { return timedTaskOverview; }
    public org.wte.workspace.PreviewLinks previewLinks() { return previewLinks; }
    public org.wte.progress.PageVisits pageVisits() { return pageVisits; }
    public org.wte.progress.ProgressReports progressReports() { return progressReports; }
    public org.wte.progress.PartProgress partProgress() { return partProgress; }
    public org.wte.progress.TimeBeacons timeBeacons() { return timeBeacons; }
    public org.wte.quiz.QuizAnswering quizAnswering() { return quizAnswering; }
    public org.wte.quiz.QuizResults quizResults() { return quizResults; }
    public org.wte.quiz.QuizResultsCsv quizResultsCsv() { return quizResultsCsv; }
    public org.wte.workspace.PreviewFilter previewFilter() { return previewFilter; }
    public org.wte.help.HelpTopics helpTopics() { return helpTopics; }
    public org.wte.help.HelpSearch helpSearch() { return helpSearch; }
    public org.wte.content.PartDownloads partDownloads() { return partDownloads; }
    public org.wte.workspace.Workspaces workspaces() { return workspaces; }
    public org.wte.workspace.TemplateFiles templateFiles() { return templateFiles; }
    public org.wte.workspace.WorkspaceService workspaceService() { return workspaceService; }
    public org.wte.workspace.WorkspacePages workspacePages() { return workspacePages; }
    public org.wte.exchange.ExchangeService exchange() { return exchange; }

    @Override
    public void close() {
        outbox.close();
        database.close();
        dataSource.close();
    }
}
