// Experiments report means with intervals (`MeanInterval`) and use `Statistics`; a user of
// Experiments gets them with it.
@_exported import SeedStatistics
