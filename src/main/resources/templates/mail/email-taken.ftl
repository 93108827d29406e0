Subject: Your address was offered for another account at ${site}
Hello,

someone asked to move another account at ${site} to ${email}, which already has an account.
Nothing was changed. If it was you, log in with this address instead.

-- 
${site}
${siteUrl}
