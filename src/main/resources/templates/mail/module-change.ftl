Subject: [${module}] ${subject}
Hello ${name},

there is news in the module "${module}" at ${site}:

${message}

Open the module:
${url}

You get this mail because you are registered to the module (${role}).

-- 
${site}
${siteUrl}
