package io.github.duban;

/** The language of messages and explanations. */
public enum Language {
    /** 简体中文 (duban's default). */
    CHINESE(0),
    /** English. */
    ENGLISH(1);

    final int code;

    Language(int code) {
        this.code = code;
    }
}
