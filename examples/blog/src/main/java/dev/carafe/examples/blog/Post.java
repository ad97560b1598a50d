package dev.carafe.examples.blog;

import dev.carafe.model.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A blog post, in the table {@code post}. */
@Entity
public class Post extends Model {
    /** The longest title the column holds. */
    public static final int MAX_TITLE = 255;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Loaded with the post, as flaskr's {@code lazy="joined"}; the index fetches it in the same query. */
    @ManyToOne(optional = false)
    public User author;

    @Column(nullable = false)
    public LocalDateTime created = LocalDateTime.now(ZoneOffset.UTC);

    @Column(nullable = false, length = MAX_TITLE)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    /** For Hibernate. */
    protected Post() {}

    /**
     * Creates a post.
     *
     * @param author who wrote it
     * @param title its title
     * @param body its text, possibly empty
     */
    public Post(User author, String title, String body) {
        this.author = author;
        this.title = title;
        this.body = body;
    }

    /**
     * Returns the path of the post's edit page.
     *
     * @return {@code /<id>/update}
     */
    public String updateUrl() {
        return "/" + id + "/update";
    }

    /**
     * Returns the path the delete form posts to.
     *
     * @return {@code /<id>/delete}
     */
    public String deleteUrl() {
        return "/" + id + "/delete";
    }
}
