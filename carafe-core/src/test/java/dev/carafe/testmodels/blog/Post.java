package dev.carafe.testmodels.blog;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A post with a lazily loaded author and a score that has many ties. */
@Entity
public class Post extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public int score;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Author author;

    public Post() {}

    public Post(String title, int score, Author author) {
        this.title = title;
        this.score = score;
        this.author = author;
    }
}
