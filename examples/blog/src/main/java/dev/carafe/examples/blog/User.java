package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.model.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** A registered author, in the table {@code user} (a reserved word Carafe quotes on every database). */
@Entity
public class User extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(unique = true, nullable = false, length = 80)
    public String username;

    @Column(nullable = false)
    public String passwordHash;

    /**
     * Part of every session cookie of this user; logging out adds one, and so ends every session the
     * user has, in every browser, even a copy of the cookie kept after logout.
     */
    @Column(nullable = false)
    public int sessionVersion;

    @OneToMany(mappedBy = "author")
    public List<Post> posts = new ArrayList<>();

    /** For Hibernate. */
    protected User() {}

    /**
     * Creates a user with a password, stored as a PBKDF2 hash.
     *
     * @param username the unique name
     * @param password the password in clear; only its hash is kept
     */
    public User(String username, String password) {
        this.username = username;
        this.passwordHash = Passwords.hash(password);
    }

    /**
     * Replaces the password.
     *
     * @param password the password in clear; only its hash is kept
     */
    public void setPassword(String password) {
        this.passwordHash = Passwords.hash(password);
    }

    /** Ends every session of the user: cookies signed before this no longer log anyone in. */
    public void endSessions() {
        sessionVersion++;
    }

    /**
     * Checks a password against the stored hash.
     *
     * @param password the password in clear
     * @return whether it matches
     */
    public boolean checkPassword(String password) {
        return Passwords.verify(passwordHash, password);
    }
}
