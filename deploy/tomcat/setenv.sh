# /etc/default/tomcat10 (Debian) or $CATALINA_BASE/bin/setenv.sh: JVM options for WTE's Tomcat.
# UTF-8 everywhere; the JVM in UTC (WTE stores UTC and shows app.timezone, but logs read better in UTC);
# a heap sized for the number of users (1 GB serves a few hundred students comfortably).
JAVA_OPTS="-Djava.awt.headless=true -Dfile.encoding=UTF-8 -Duser.timezone=UTC -Xms512m -Xmx1g"
