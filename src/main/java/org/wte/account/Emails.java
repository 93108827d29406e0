package org.wte.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as WTE keeps them: trimmed, lower case, one @, no spaces. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"(),;:]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*$");

    private Emails() {}

    public static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String email) {
        String e = normalise(email);
        return e.length() <= 254 && SHAPE.matcher(e).matches();
    }
}
