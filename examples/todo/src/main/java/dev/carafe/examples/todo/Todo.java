package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.model.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One item of the todo list, stored in the table {@code todo} (Carafe names tables and columns in
 * snake_case: {@code pubDate} is the column {@code pub_date}).
 */
@Entity
public class Todo extends Model {
    /** The most characters a title may have: the length of its {@code varchar} column. */
    public static final int TITLE_LENGTH = 255;

    /** The most characters a text may have: the length of its {@code varchar} column. */
    public static final int TEXT_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = TITLE_LENGTH)
    private String title;

    @Column(nullable = false, length = TEXT_LENGTH)
    private String text;

    @Column(nullable = false)
    private boolean done;

    // Microseconds are what the databases keep; truncating here keeps the loaded value equal to this one.
    @Column(nullable = false)
    private Instant pubDate = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** For Hibernate. */
    protected Todo() {}

    /**
     * Creates an item that is not done yet, published now.
     *
     * @param title the title, at most {@link #TITLE_LENGTH} characters
     * @param text the text, at most {@link #TEXT_LENGTH} characters
     */
    public Todo(String title, String text) {
        this.title = title;
        this.text = text;
    }

    /**
     * Returns the primary key, or {@code null} before the item is saved.
     *
     * @return the primary key, or {@code null} before the item is saved
     */
    public Long getId() {
        return id;
    }

    /**
     * Returns the title.
     *
     * @return the title
     */
    public String getTitle() {
        return title;
    }

    /**
     * Returns the text.
     *
     * @return the text
     */
    public String getText() {
        return text;
    }

    /**
     * Returns whether the item is done.
     *
     * @return whether the item is done
     */
    public boolean isDone() {
        return done;
    }

    /**
     * Marks the item done or not done.
     *
     * @param done whether the item is done
     */
    public void setDone(boolean done) {
        this.done = done;
    }

    /**
     * Returns when the item was created.
     *
     * @return when the item was created
     */
    public Instant getPubDate() {
        return pubDate;
    }
}
