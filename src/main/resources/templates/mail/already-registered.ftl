Subject: You already have an account at ${site}
Hello ${name},

someone tried to register ${email} at ${site}, but this address has an account already.

Log in:              ${loginUrl}
Forgot the password? ${forgotUrl}

If it was not you, ignore this mail.

-- 
${site}
${siteUrl}
