Subject: Confirm your e-mail address for ${site}
Hello ${name},

someone (we hope you) registered ${email} at ${site}.
To confirm the address and choose your password, open this link:

${url}

The link works once and for ${hours} hours. If you did not register, ignore this mail.

-- 
${site}
${siteUrl}
