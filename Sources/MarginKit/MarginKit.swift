// The one import a notebook cell gets: every library module of the project.
@_exported import Attacks
@_exported import Datasets
@_exported import Experiments
@_exported import MarginFigures
@_exported import Margins
@_exported import Models
@_exported import Plotting
@_exported import Tensors
@_exported import Widgets
