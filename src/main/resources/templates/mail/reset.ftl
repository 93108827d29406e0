Subject: Set a new password for ${site}
Hello ${name},

a new password was asked for ${email} at ${site}.
To choose it, open this link:

${url}

The link works once and for ${hours} hours. If you did not ask, ignore this mail:
your password stays as it is.

-- 
${site}
${siteUrl}
