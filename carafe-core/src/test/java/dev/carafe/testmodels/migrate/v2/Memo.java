package dev.carafe.testmodels.migrate.v2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** The second version: a longer title, a new column and an index. */
@Entity
@Table(indexes = @Index(name = "ix_memo_author", columnList = "author"))
public class Memo {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(length = 200)
    public String title;

    public String author;

    public Memo() {}
}
