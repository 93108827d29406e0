Subject: Confirm your new e-mail address for ${site}
Hello ${name},

you asked to use ${newEmail} for your account at ${site}.
To confirm the change, open this link:

${url}

The link works once and for ${hours} hours. If you did not ask, ignore this mail.

-- 
${site}
${siteUrl}
