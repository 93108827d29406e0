package org.wte.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.mail.Mail;
import org.wte.mail.OutboxMail;
import org.wte.testing.TestDatabase;
import org.wte.web.FormErrors;

/** The account rules on real Hibernate + H2; mails are read from the outbox (no SMTP configured). */
class AccountServiceTest {
    private CompositionRoot root;
    private AccountService accounts;

    @BeforeEach
    void start() throws Exception {
        root = TestDatabase.start("[registration]\ndomains = Example.ORG, uni.test\n");
        accounts = root.accounts();
    }

    @AfterEach
    void stop() {
        root.close();
    }

    @Test
    void registrationStoresTheAddressLowerCaseAndRestrictsDomainsCaseInsensitively() {
        accounts.register("  Student@EXAMPLE.org ", "A Student");
        User user = root.database().inTransaction(s -> root.users().byEmail(s, "student@example.org").orElseThrow());
        assertEquals("student@example.org", user.getEmail());
        assertEquals(UserStatus.UNCONFIRMED, user.getStatus());

        FormErrors.Invalid refused = assertThrows(FormErrors.Invalid.class,
                () -> accounts.register("someone@elsewhere.com", "Someone"));
        assertTrue(refused.errors().asMap().get("email").contains("example.org"));
        FormErrors.Invalid both = assertThrows(FormErrors.Invalid.class, () -> accounts.register("nope", " "));
        assertEquals(List.of("email", "display_name"), List.copyOf(both.errors().asMap().keySet()));
    }

    @Test
    void registeringAKnownAddressAgainMailsTheOwnerAndCreatesNothing() {
        accounts.register("twice@uni.test", "First");
        accounts.register("TWICE@uni.test", "Second");
        assertEquals(1L, (long) root.database().inTransaction(s -> root.users().count(s, "twice@", null)));
        List<OutboxMail> mails = mails("twice@uni.test");
        assertEquals(2, mails.size());
        assertTrue(mails.get(1).getSubject().contains("already have an account"));
    }

    @Test
    void confirmationTokenIsSingleUseStoredHashedAndSetsThePassword() {
        accounts.register("ada@example.org", "Ada");
        String token = token(mails("ada@example.org").get(0), "/account/confirm/");
        assertFalse(root.database().inTransaction(s -> s.createQuery("select count(t) from AccountToken t where "
                + "t.tokenHash = :t", Long.class).setParameter("t", token).getSingleResult()) > 0,
                "the clear token is never stored");
        assertTrue(accounts.peekToken(token, TokenPurpose.CONFIRM).isPresent());
        assertTrue(accounts.peekToken(token, TokenPurpose.RESET).isEmpty(), "a token works for its purpose only");

        accounts.setPasswordWithToken(token, TokenPurpose.CONFIRM, "a fine password", "a fine password");
        assertThrows(AccountService.TokenInvalid.class,
                () -> accounts.setPasswordWithToken(token, TokenPurpose.CONFIRM, "another password", "another password"));
        assertInstanceOf(AccountService.LoginResult.Success.class, accounts.login("ADA@example.org", "a fine password", "10.0.0.1"));
    }

    @Test
    void expiredTokensDoNotWork() {
        accounts.register("late@example.org", "Late");
        String token = token(mails("late@example.org").get(0), "/account/confirm/");
        root.database().run(s -> s.createMutationQuery("update AccountToken t set t.expiresAt = :past")
                .setParameter("past", Instant.now().minusSeconds(1)).executeUpdate());
        assertTrue(accounts.peekToken(token, TokenPurpose.CONFIRM).isEmpty());
        assertThrows(AccountService.TokenInvalid.class,
                () -> accounts.setPasswordWithToken(token, TokenPurpose.CONFIRM, "a fine password", "a fine password"));
    }

    @Test
    void passwordResetAnswersTheSameForUnknownAddressesAndANewLinkKillsTheOld() {
        root.administrators().create("grace@example.org", "first password", false);
        accounts.requestPasswordReset("nobody@example.org");
        assertTrue(mails("nobody@example.org").isEmpty());
        accounts.requestPasswordReset("grace@example.org");
        accounts.requestPasswordReset("grace@example.org");
        List<OutboxMail> sent = mails("grace@example.org");
        String first = token(sent.get(0), "/account/reset/");
        String second = token(sent.get(1), "/account/reset/");
        assertTrue(accounts.peekToken(first, TokenPurpose.RESET).isEmpty(), "only the newest link works");
        accounts.setPasswordWithToken(second, TokenPurpose.RESET, "second password", "second password");
        assertInstanceOf(AccountService.LoginResult.Success.class, accounts.login("grace@example.org", "second password", "x"));
    }

    @Test
    void loginIsThrottledPerAccountAndPerAddress() {
        root.administrators().create("alan@example.org", "right password", false);
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
            accounts.login("alan@example.org", "wrong", "10.0.0." + i);
        }
        var refused = accounts.login("alan@example.org", "right password", "10.9.9.9");
        assertInstanceOf(AccountService.LoginResult.Failure.class, refused);
        assertTrue(((AccountService.LoginResult.Failure) refused).message().contains("Too many"));

        root.administrators().create("barbara@example.org", "right password", false);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
            accounts.login("guess" + i + "@example.org", "wrong", "192.0.2.7");
        }
        assertInstanceOf(AccountService.LoginResult.Failure.class,
                accounts.login("barbara@example.org", "right password", "192.0.2.7"), "that address is throttled");
        assertInstanceOf(AccountService.LoginResult.Success.class,
                accounts.login("barbara@example.org", "right password", "192.0.2.8"), "other addresses are not");
    }

    @Test
    void loginRehashesAPasswordHashedWithOldParameters() {
        root.administrators().create("old@example.org", "unchanged password", false);
        String weak = new PasswordHasher(4096, 1, 1).hash("unchanged password");
        root.database().run(s -> root.users().byEmail(s, "old@example.org").orElseThrow().setPasswordHash(weak));
        assertInstanceOf(AccountService.LoginResult.Success.class, accounts.login("old@example.org", "unchanged password", "x"));
        String now = root.database().inTransaction(s -> root.users().byEmail(s, "old@example.org").orElseThrow().getPasswordHash());
        assertNotEquals(weak, now);
        assertTrue(now.contains("m=19456,t=2,p=1"), now);
    }

    @Test
    void blockedAndUnconfirmedAccountsCannotLogIn() {
        root.administrators().create("blocked@example.org", "a password 1", false);
        root.database().run(s -> root.users().byEmail(s, "blocked@example.org").orElseThrow().setStatus(UserStatus.BLOCKED));
        var blocked = accounts.login("blocked@example.org", "a password 1", "x");
        assertTrue(((AccountService.LoginResult.Failure) blocked).message().contains("blocked"));
        accounts.register("new@example.org", "New");
        var unconfirmed = accounts.login("new@example.org", "", "y");
        assertTrue(((AccountService.LoginResult.Failure) unconfirmed).message().contains("not confirmed"));
    }

    @Test
    void profileUpdateLeavesAbsentFieldsAloneAndTheLastAdministratorCannotLeave() {
        root.administrators().create("only@example.org", "admin password", false);
        // The first-start administrator does not exist here: only@ is the only one.
        long id = root.database().inTransaction(s -> root.users().byEmail(s, "only@example.org").orElseThrow().getId());
        accounts.updateProfile(id, null, true);
        accounts.updateProfile(id, "New Name", null);
        User u = root.database().inTransaction(s -> s.get(User.class, id));
        assertEquals("New Name", u.getDisplayName());
        assertTrue(u.isHighContrast(), "a form without the checkbox does not reset it");
        FormErrors.Invalid refused = assertThrows(FormErrors.Invalid.class, () -> accounts.deleteOwnAccount(id, "admin password"));
        assertTrue(refused.errors().asMap().get("current").contains("last administrator"));
    }

    @Test
    void aRolledBackChangeLeavesNoMailInTheOutbox() {
        assertThrows(IllegalStateException.class, () -> root.database().run(s -> {
            root.outbox().enqueue(s, new Mail("x@example.org", "subject", "body"));
            throw new IllegalStateException("the change fails after writing its mail");
        }));
        assertTrue(mails("x@example.org").isEmpty());
    }

    private List<OutboxMail> mails(String recipient) {
        return root.database().inTransaction(s -> s.createQuery("from OutboxMail m where m.recipient = :r order by m.id",
                OutboxMail.class).setParameter("r", recipient).list());
    }

    private static String token(OutboxMail mail, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "(\\S+)").matcher(mail.getBodyText());
        assertTrue(m.find(), mail.getBodyText());
        return m.group(1);
    }
}
