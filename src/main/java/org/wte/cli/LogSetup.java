package org.wte.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;
import org.wte.config.Settings;

/** Applies [logging]: the level of WTE's own loggers, and a log file instead of the console if set. */
final class LogSetup {
    private LogSetup() {}

    static void apply(Settings.Logging logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger("org.wte").setLevel(Level.toLevel(logging.level(), Level.INFO));
        if (!logging.file().isEmpty()) {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
            encoder.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setName("file");
            file.setFile(logging.file());
            file.setEncoder(encoder);
            file.start();
            root.detachAndStopAllAppenders();
            root.addAppender(file);
        }
    }
}
