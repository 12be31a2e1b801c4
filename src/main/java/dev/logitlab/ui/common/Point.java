package dev.logitlab.ui.common;

/** A chart point: x (usually the step) and y (usually a loss). */
public record Point(double x, double y) {}
