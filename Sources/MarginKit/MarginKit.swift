// The one import a notebook cell gets: every library module of the project.
@_exported import Datasets
@_exported import Models
@_exported import Tensors
@_exported import Margins
